"""The ``summit-i18n serve`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from summit_i18n.cli._app import app, echo, echo_err, project, reports_errors


@app.command()
@reports_errors
def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", "-p", metavar="N", min=0, max=65535,
                                      help="Port on 127.0.0.1.")] = 8000,
    use_fuzzy: Annotated[bool, typer.Option(
        "--use-fuzzy", help="Show draft (fuzzy) translations, with a notice.")] = False,
) -> None:
    """Build the site, serve it on 127.0.0.1, rebuild when source/, templates/ or locale/ change.

    Stop with Ctrl-C.

    Example: summit-i18n serve --port 8080 --use-fuzzy
    """
    from summit_i18n.render.serve import serve as serve_site  # only when serving

    proj = project(ctx)

    def ready(url: str) -> None:
        echo(f"serving {proj.relative(proj.output_dir)}/ at {url} (Ctrl-C to stop)")

    serve_site(proj, port=port, use_fuzzy=True if use_fuzzy else None, report=echo_err,
               ready=ready)
