"""The site benchmark's data: migrate, generate, index model by model, analyse, collect static.

Each step returns how long it took; progress goes to stderr.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def timed(timings, name, step, *args):
    started = time.perf_counter()
    result = step(*args)
    timings[name] = time.perf_counter() - started
    log(f"{name}: {timings[name]:.1f} s")
    return result


def migrate():
    from django.core.management import call_command

    log("Migrating")
    call_command("migrate", interactive=False, verbosity=0)


def generate(args):
    from bench.extras import Extras, ExtraSizes
    from bench.generate import Generator

    sizes = ExtraSizes(
        images=args.images, documents=args.documents, tags=args.tags, series=args.series
    )
    generator = Generator(args.seed, english_share=args.english, extras=Extras(args.seed, sizes))
    generator.run(args.case_studies, args.events, args.issues)


def index_model(index, model, chunk_size=1000):
    """Add every indexed object of `model`, a chunk at a time, with a progress line per chunk."""
    from django.db import transaction

    label = f"{model._meta.app_label}.{model.__name__}"
    queryset = model.get_indexed_objects().order_by("pk")
    started = time.perf_counter()
    with transaction.atomic():
        total = queryset.count()
        for offset in range(0, total, chunk_size):
            chunk = list(queryset[offset : offset + chunk_size])
            index.add_items(model, chunk)
            done = offset + len(chunk)
            log(f"  {label}: {done}/{total} ({time.perf_counter() - started:.1f} s)")
    return label, total, time.perf_counter() - started


def update_index():
    """What `update_index` does, one model at a time, timed: it prints nothing itself."""
    from modelsearch.index import get_indexed_models
    from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index
    from wagtail.search.backends import get_search_backend

    log("Indexing")
    backend = get_search_backend()
    per_model = []
    for index, models in group_models_by_index(backend, get_indexed_models()).items():
        rebuilder = backend.rebuilder_class(index)
        live_index = rebuilder.start()
        for model in models:
            live_index.add_model(model)
        for model in models:
            label, total, seconds = index_model(live_index, model)
            if total:
                per_model.append((label, total, seconds))
        rebuilder.finish()
    return per_model


def analyse():
    """Planner statistics, as a site that has been running has them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def collectstatic(env):
    """Static files into STATIC_ROOT under the production settings' manifest storage."""
    command = [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603 (fixed command)


def build(args, timings, server_env, config):
    """Everything before serving; [(model, objects, seconds)] from the indexing."""
    from bench import site_keep

    media_root = server_env["MEDIA_ROOT"]
    per_model = []
    if args.reuse:
        timed(timings, "restore", site_keep.restore, args.reuse, config, args, media_root)
        timed(timings, "migrate", migrate)
    else:
        timed(timings, "migrate", migrate)
        timed(timings, "generate", generate, args)
        per_model = timed(timings, "index", update_index)
    timed(timings, "analyse", analyse)
    if args.keep:
        timed(timings, "keep", site_keep.keep, args.keep, config, args, media_root)
    timed(timings, "collectstatic", collectstatic, server_env)
    return per_model


def production_env(workdir, port):
    """The environment gunicorn and collectstatic run in: production settings on loopback."""
    import secrets

    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "hub.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on loopback: no redirect to HTTPS, no HSTS.
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DEBUG": "0",
            # wrk asks for the same search again and again: time each as a first search, not
            # the candidates and excerpts a repeat of it reuses (search/caching.py).
            "SEARCH_REUSE_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "SITE_BASE_URL": f"http://127.0.0.1:{port}",
            # This checkout's code, not whatever an editable install points at.
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
    )
    return env
