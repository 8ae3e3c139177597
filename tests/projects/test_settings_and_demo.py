"""Production settings pass Django's deploy check; demo users exist only in demo mode."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-0123456789",
           "ALLOWED_HOSTS": "jx.example.gov.cn", "VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "x", "VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_seed_demo_creates_the_six_demo_users_once(db, capsys, settings):
    settings.DEBUG = True  # the test runner turns DEBUG off; `make run` has it on
    call_command("seed_demo")
    first = capsys.readouterr().out
    assert "demo-2026" in first and "finance" in first
    call_command("seed_demo")
    assert "已存在" in capsys.readouterr().out
    assert set(User.objects.values_list("username", flat=True)) == {
        "finance", "manager", "auditor", "reviewer", "czj", "admin"}
    finance = User.objects.get(username="finance")
    assert finance.check_password("demo-2026")
    assert finance.groups.get().name == "财务人员"
    assert finance.memberships.get().department.name == "宁波市妇女联合会"
    assert User.objects.get(username="admin").is_superuser
    reviewer, czj = User.objects.get(username="reviewer"), User.objects.get(username="czj")
    assert reviewer.groups.get().name == "审核人员" and reviewer.memberships.get().department.name == "宁波市妇女联合会"
    assert czj.groups.get().name == "财政人员" and not czj.memberships.exists()


def test_seed_demo_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_the_health_view_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
