"""gunicorn, configured so that it never writes a client address or request line anywhere."""

from __future__ import annotations

import logging

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from farewell.web.logs import NoClientDataFilter


class PrivateLogger(Logger):
    """gunicorn's logger with the access log off and addresses cut from error messages."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.addFilter(NoClientDataFilter())

    def access(self, resp, req, environ, request_time):
        return None


class FarewellServer(BaseApplication):
    def __init__(self, wsgi_app, options: dict):
        self.wsgi_app = wsgi_app
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("logger_class", PrivateLogger)
        self.cfg.set("accesslog", None)
        # Never believe a client about who it is: nothing reads these headers anyway.
        self.cfg.set("forwarded_allow_ips", "")
        self.cfg.set("proxy_allow_ips", "")
        if "control_socket_disable" in self.cfg.settings:
            # Several instances (or sites) on one machine would fight over one socket path.
            self.cfg.set("control_socket_disable", True)

    def load(self):
        return self.wsgi_app


def serve(wsgi_app, *, bind: list[str], workers: int, threads: int, timeout: int) -> None:
    logging.getLogger("gunicorn.error").addFilter(NoClientDataFilter())
    FarewellServer(
        wsgi_app,
        {
            "bind": bind,
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            "timeout": timeout,
            "graceful_timeout": 30,
            # Request limits: a request line or header this long is an attack, not a testimony.
            "limit_request_line": 4094,
            "limit_request_fields": 60,
            "limit_request_field_size": 8190,
        },
    ).run()
