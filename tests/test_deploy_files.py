"""The deployment files: the TLJH script parses as bash, the Helm values as YAML with the course's settings."""
from __future__ import annotations

import subprocess

import yaml

from conftest import ROOT


def test_tljh_setup_script_is_valid_bash_and_stops_on_errors():
    script = ROOT / "deploy" / "tljh" / "setup.sh"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    assert "set -euo pipefail" in script.read_text()


def test_helm_values_mount_the_shared_exchange_and_size_servers():
    values = yaml.safe_load((ROOT / "deploy" / "kubernetes" / "values.yaml").read_text())
    single = values["singleuser"]
    assert single["storage"]["extraVolumeMounts"][0]["mountPath"] == "/srv/nbgrader/exchange"
    assert "path_includes_course = True" in single["extraFiles"]["nbgrader_config"]["stringData"]
    assert single["memory"]["limit"] == "1G"
    assert "rebuilding-trust" in values["hub"]["services"]


def test_postbuild_validates_the_data():
    text = (ROOT / "postBuild").read_text()
    assert text.startswith("#!/bin/bash") and "set -e" in text and "trustwork validate" in text
