"""The portal's settings, for collecting the static files of the browser journeys' server only:
the production storage's hashed names and manifest (which the server, on the portal's own
settings, reads), without whitenoise's gzip and brotli copies of every file. Compressing the
fonts takes seconds of CPU and is not what the journeys test."""

from evalportal.settings import *  # noqa: F403
from evalportal.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
