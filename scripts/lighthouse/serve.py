"""The demo site for `make lighthouse`: a throwaway database and gunicorn, as in production."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from bench.site_load import HOST, wait_until_serving

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NOINDEX = re.compile(r"<meta\s+name=\"robots\"\s+content=\"[^\"]*noindex", re.IGNORECASE)


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def server_env(workdir, port):
    """Production settings on plain HTTP loopback, as `make serve`, in a folder of its own."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "hub.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "SITE_BASE_URL": f"http://{HOST}:{port}",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "CACHE_URL": "",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"{HOST}:{port}",
            "WEB_CONCURRENCY": "2",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
    )
    return env


def manage(env, *command, log):
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def prepare(env, language, log):
    """The demo site in the throwaway database; {name: path} of the pages to audit."""
    for step in (
        ["migrate", "--noinput"],
        ["load_demo_content"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        say(f"  manage.py {' '.join(step)}")
        manage(env, *step, log=log)
    picked = subprocess.run(  # noqa: S603
        [sys.executable, str(HERE / "pages.py"), language], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(picked.stdout)


class Gunicorn:
    """gunicorn with deploy/gunicorn.conf.py, serving the image renditions as the proxy would
    (media_wsgi.py); stopped however the block ends."""

    def __init__(self, env, port, log):
        self.env, self.port, self.log = env, port, log

    def __enter__(self):
        command = [
            sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--pythonpath", str(HERE), "--chdir", str(ROOT), "media_wsgi:application",
        ]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603
            command, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        try:
            wait_until_serving(self.port, "/robots.txt", self.process)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def says_noindex(port, path):
    """Whether the page asks search engines not to index it, in a header or a meta tag."""
    import http.client

    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        header = response.getheader("X-Robots-Tag") or ""
    finally:
        connection.close()
    return "noindex" in header.lower() or bool(NOINDEX.search(body))
