#!/bin/bash
# Set up a course on The Littlest JupyterHub (one server, up to about 100 trainees). Run as root on the TLJH server
# after installing TLJH (https://tljh.jupyter.org). See deploy/README.md for the whole procedure.
#   sudo COURSE_REPO=https://example.org/your/fork-of-rebuilding-trust.git \
#        INSTRUCTORS=ada,bo STUDENTS=trainee1,trainee2 bash deploy/tljh/setup.sh
set -euo pipefail
: "${COURSE_REPO:?set COURSE_REPO to the course repository to clone}"
: "${INSTRUCTORS:?set INSTRUCTORS to a comma-separated list of instructor usernames}"
COURSE_ID="${COURSE_ID:-rebuilding-trust}"
SRC=/srv/rebuilding-trust
EXCHANGE=/srv/nbgrader/exchange
TLJH_PY=/opt/tljh/user/bin/python

# 1. The course and its environment, readable by every user (each trainee's server runs as that trainee).
if [ ! -d "$SRC/.git" ]; then git clone "$COURSE_REPO" "$SRC"; fi
git -C "$SRC" pull --ff-only
"$TLJH_PY" -m pip install --quiet -e "$SRC"
chmod -R a+rX "$SRC"

# 2. nbgrader's shared exchange and the global config every user's server reads.
mkdir -p "$EXCHANGE" && chmod 777 "$EXCHANGE"
cat > /opt/tljh/user/etc/jupyter/nbgrader_config.py <<CONF
c = get_config()
c.CourseDirectory.course_id = "$COURSE_ID"
c.Exchange.root = "$EXCHANGE"
c.Exchange.path_includes_course = True
CONF

# 3. The grader's course folder (the first instructor owns it), with the sources and the course's nbgrader config.
GRADER="jupyter-${INSTRUCTORS%%,*}"   # TLJH prefixes Unix usernames with "jupyter-"
id "$GRADER" >/dev/null 2>&1 || useradd --create-home "$GRADER"
GRADER_HOME=$(getent passwd "$GRADER" | cut -d: -f6)
mkdir -p "$GRADER_HOME/$COURSE_ID"
cp -rn "$SRC/solutions" "$SRC/nbgrader_config.py" "$GRADER_HOME/$COURSE_ID/"
chown -R "$GRADER:$GRADER" "$GRADER_HOME/$COURSE_ID"

# 4. The hub: course users and groups, formgrader as a service, the course copied into each home.
cp "$SRC/deploy/jupyterhub_config.py" /opt/tljh/config/jupyterhub_config.d/rebuilding_trust.py
mkdir -p /etc/systemd/system/jupyterhub.service.d
cat > /etc/systemd/system/jupyterhub.service.d/rebuilding-trust.conf <<UNIT
[Service]
Environment=TRUSTWORK_COURSE_ID=$COURSE_ID
Environment=TRUSTWORK_INSTRUCTORS=${INSTRUCTORS}
Environment=TRUSTWORK_STUDENTS=${STUDENTS:-}
Environment=TRUSTWORK_EXCHANGE=$EXCHANGE
Environment=TRUSTWORK_COURSE_SRC=$SRC
Environment=TRUSTWORK_VENV=/opt/tljh/user
Environment=TRUSTWORK_STATE=/opt/tljh/state
UNIT
systemctl daemon-reload
tljh-config reload hub
echo "Done. Instructors open /services/$COURSE_ID/formgrader; trainees find the course in ~/rebuilding-trust."
