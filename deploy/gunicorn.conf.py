"""gunicorn settings for zonework's web processes (deploy/README.md). Every value can be overridden on
the command line (`-b`, `-w`) or by GUNICORN_CMD_ARGS."""

import os

bind = os.environ.get("ZONEWORK_BIND", "0.0.0.0:8000")
# Two workers per core is gunicorn's usual advice; pages are short, long work goes to Celery.
workers = int(os.environ.get("ZONEWORK_WEB_WORKERS", "2"))
threads = int(os.environ.get("ZONEWORK_WEB_THREADS", "2"))
# Imports, OCR and report runs are background jobs, so no request should need more than this.
timeout = int(os.environ.get("ZONEWORK_WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Restart a worker now and then so a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The proxy in front (nginx) sets X-Forwarded-For/Proto; settings decide whether to trust them.
forwarded_allow_ips = os.environ.get("ZONEWORK_FORWARDED_ALLOW_IPS", "127.0.0.1")
control_socket_disable = True
