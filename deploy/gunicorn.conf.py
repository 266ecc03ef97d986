"""gunicorn for Klimathubben, in production and for `make serve`.

Run it as `gunicorn -c deploy/gunicorn.conf.py` from the project folder.

Every value can be set from the environment, so one file serves every app server.
"""

import os

# Sync workers: a request renders a page or waits on PostgreSQL, and Varnish in front takes the
# slow clients. Two per core plus one (gunicorn's own advice) keeps every core busy while some
# workers wait on the database; each worker holds its own remembered pages (hub/versions.py),
# about 120 MB once warm, so lower it with WEB_CONCURRENCY on a machine short of memory.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
wsgi_app = "hub.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# A page that takes longer than this is stuck: the worker is replaced, the visitor gets a 502.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Varnish or the load balancer keeps connections open between requests.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# The proxies whose X-Forwarded-Proto gunicorn believes (Django reads it with
# USE_X_FORWARDED_PROTO); the load balancer or Varnish in front.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Errors to stderr; no access log unless asked for (GUNICORN_ACCESS_LOG=- is stdout): the
# hub keeps no visitors' addresses, and Varnish or the load balancer can log requests if needed.
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No control socket for gunicornc: its default path is shared by every gunicorn of the user,
# and systemd or the container runtime restarts and scales the service instead.
control_socket_disable = True
