"""Benchmarks run side by side with peer tools; ``make bench`` runs them all."""
