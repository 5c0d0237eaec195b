"""Click command ``rasd serve`` (registered by ``rasd.cli``): the API and dashboard on loopback by default."""

from __future__ import annotations

import click

from rasd.errors import RasdError
from rasd.store.cli import db_option

__all__ = ["serve_command"]


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@click.option("--token", envvar="RASD_API_TOKEN", default=None,
              help="Bearer token enabling POST /api/articles (also $RASD_API_TOKEN); without it ingest is off.")
@click.option("--extractor", "extractor_path", default=None, metavar="MODULE:FACTORY",
              help="Extractor used by POST /api/articles (default: Rasd's pipeline).")
def serve_command(db: str, host: str, port: int, token: str | None, extractor_path: str | None) -> None:
    """Serve the REST API (/api/…, /docs) and the offline map dashboard (/).

    Example: rasd serve --db rasd.db --port 8000
    """
    try:
        import uvicorn

        from rasd.serve.app import create_app
    except ImportError as exc:
        raise click.ClickException(f"{exc}; install the server extra: pip install 'rasd[server]'") from exc
    from rasd.store import open_store
    from rasd.store.cli import extractor_from_option

    try:
        store = open_store(db)
        extract = extractor_from_option(extractor_path) if token else None
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"rasd: serving {store.url} on http://{host}:{port}/ (API docs at /docs)", err=True)
    try:
        uvicorn.run(create_app(store, token=token, extract=extract), host=host, port=port, log_level="warning")
    finally:
        store.close()
