"""deploy/: what an operator copies must start the parts the scale-out test starts, with the same
settings. No image is built here (no registry for base images); the files are read as Docker Compose,
systemd and gunicorn read them."""

import configparser
from pathlib import Path

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_runs_web_workers_beat_postgres_and_redis(compose):
    services = compose["services"]
    assert {"web", "worker", "beat", "migrate", "postgres", "redis", "nginx"} <= set(services)
    assert services["web"]["command"][:3] == ["gunicorn", "-c", "deploy/gunicorn.conf.py"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "zonework", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "zonework", "beat"]
    # Web, worker and beat start only after migrate has finished.
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_every_zonework_process_shares_database_broker_cache_and_files(compose):
    services = compose["services"]
    app = [services[n] for n in ("web", "worker", "beat", "migrate")]
    for service in app:
        env = service["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["ZONEWORK_CELERY_BROKER_URL"].startswith("redis://redis:")
        assert env["ZONEWORK_CACHE_URL"].startswith("redis://redis:")
        assert "media:/var/lib/zonework/media" in service["volumes"]
        assert service["env_file"] == "zonework.env"
    assert "media" in compose["volumes"] and "pgdata" in compose["volumes"]


def test_the_env_example_names_only_settings_the_product_reads():
    settings_text = ((DEPLOY.parent / "src" / "zonework" / "settings.py").read_text(encoding="utf-8")
                     + (DEPLOY / "gunicorn.conf.py").read_text(encoding="utf-8"))
    names = []
    for line in (DEPLOY / "zonework.env.example").read_text(encoding="utf-8").splitlines():
        line = line.lstrip("# ").strip()
        if "=" in line and line.split("=", 1)[0].isupper():
            names.append(line.split("=", 1)[0])
    assert "ZONEWORK_SECRET_KEY" in names and "ZONEWORK_STORAGE" in names
    unknown = [n for n in names if f'"{n}"' not in settings_text]
    assert not unknown, f"deploy/zonework.env.example names settings that settings.py and gunicorn.conf.py never read: {unknown}"


@pytest.mark.parametrize("unit", ["zonework-web@.service", "zonework-worker@.service", "zonework-beat.service"])
def test_systemd_units_start_the_same_commands(unit):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / unit, encoding="utf-8")
    service = parser["Service"]
    assert service["EnvironmentFile"] == "/etc/zonework/zonework.env"
    assert service["User"] == "zonework" and service["Restart"] == "on-failure"
    start = service["ExecStart"]
    expected = {"zonework-web@.service": "gunicorn -c deploy/gunicorn.conf.py zonework.wsgi",
                "zonework-worker@.service": "celery -A zonework worker",
                "zonework-beat.service": "celery -A zonework beat"}[unit]
    assert expected in start
    assert parser["Install"]["WantedBy"] == "multi-user.target"


def test_gunicorn_config_loads_with_a_timeout_below_the_proxy(monkeypatch):
    from gunicorn.config import Config

    monkeypatch.delenv("ZONEWORK_WEB_TIMEOUT", raising=False)
    namespace = {}
    exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    config = Config()
    for key, value in namespace.items():
        if key in config.settings:
            config.set(key, value)
    nginx = (DEPLOY / "nginx" / "zonework.conf").read_text()
    assert config.timeout == 60 and "proxy_read_timeout 90s" in nginx
    assert config.workers >= 2 and config.control_socket_disable is True
