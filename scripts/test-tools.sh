#!/bin/sh
# What the tests need besides npm packages: LibreOffice (XLSX round trips, PDF; Writer turns the
# Word fixtures into ODT), python3-docx (makes the Word fixtures: fixtures/documents/make_documents.py),
# Chromium (UI tests), poppler (pdftotext), DejaVu fonts, and a running PostgreSQL on 127.0.0.1:5432.
# Installs missing Debian packages when it can (root with apt-get); otherwise says what is missing.
missing=""
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc"
[ -e /usr/lib/libreoffice/program/libswlo.so ] || missing="$missing libreoffice-writer"
[ -d /usr/lib/python3/dist-packages/docx ] || missing="$missing python3-docx"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
fc-list 2>/dev/null | grep -qi dejavu || missing="$missing fonts-dejavu-core"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "tests need these Debian packages:$missing (sudo apt-get install$missing)" >&2
  fi
fi
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  else
    echo "tests need PostgreSQL on 127.0.0.1:5432 (trust auth, database test)" >&2
  fi
fi
exit 0
