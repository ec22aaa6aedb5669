"""Background work of the reports app, through Django's tasks API: the immediate backend runs
it in the request; the database backend queues it for `manage.py db_worker`. Task code is the
same for both, and thin: the work is ``reports.jobs``."""

from django_tasks import task

from reports.jobs import render_run


@task()
def render_report(job_id: int) -> None:
    render_run(job_id=job_id)
