"""Web import for coordination office staff: upload (writing members only), progress, result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from stufenweg.core.visibility import scope_of
from stufenweg.interchange import uploads
from stufenweg.interchange.forms import UploadForm
from stufenweg.interchange.models import ImportRun
from stufenweg.interchange.permissions import import_refusal, may_import
from stufenweg.interchange.problems import Problem
from stufenweg.interchange.retention import problem_days
from stufenweg.interchange.tasks import import_run_execute, read_progress

PROBLEMS_PER_PAGE = 50


def _coordination_only(request: HttpRequest) -> None:
    if not scope_of(request.user).everything:
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """The upload form and the last runs. Every member of the coordination office sees the page
    and the runs; only a writing member may upload (a read-only one gets 403 and nothing is
    stored, not even the run record)."""
    _coordination_only(request)
    if not may_import(request.user):
        status = 403 if request.method == "POST" else 200
        return _upload_page(request, None, status=status, refused=request.method == "POST")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = ImportRun.objects.create(
            created_by=request.user,
            dry_run=form.cleaned_data["dry_run"],
            source_kind="xlsx" if form.kind == "xlsx" else "csv",
            language=(get_language() or "de")[:2],
        )
        directory = uploads.import_root() / f"run-{run.pk}"
        try:
            _path, names = uploads.store(form.cleaned_data["files"], form.kind, directory)
        except uploads.UploadRefused as exc:
            uploads.remove(directory)
            run.delete()
            form.add_error("files", str(exc))
        else:
            run.files = names
            run.upload_dir = str(directory)
            run.save(update_fields=["files", "upload_dir"])
            import_run_execute.enqueue(run.pk)
            return redirect("interchange:run_detail", pk=run.pk)
    return _upload_page(request, form)


def _upload_page(
    request: HttpRequest, form: UploadForm | None, *, status: int = 200, refused: bool = False
) -> HttpResponse:
    """The page; without ``form`` (a member who may not import) the form is replaced by the
    reason, shown as an error when an upload was ``refused``."""
    runs = ImportRun.objects.select_related("created_by")[:10]
    context = {
        "form": form,
        "runs": runs,
        "max_mb": uploads.max_upload_bytes() // (1024 * 1024),
        "refusal": import_refusal() if form is None else "",
        "refused": refused,
    }
    return render(request, "interchange/upload.html", context, status=status)


@login_required
@require_safe
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _coordination_only(request)
    run = get_object_or_404(ImportRun.objects.select_related("created_by"), pk=pk)
    progress = read_progress(run)
    total = progress.get("total") or 0
    context = {
        "run": run,
        "progress": progress,
        "percent": int(100 * progress.get("done", 0) / total) if total else None,
    }
    if request.htmx:
        response = render(request, "interchange/partials/run_status.html", context)
        if run.is_final:
            response["HX-Refresh"] = "true"
        return response
    page = Paginator([Problem.from_list(p) for p in run.problems], PROBLEMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context.update(page_obj=page, counts=sorted(run.counts.items()), problem_days=problem_days())
    return render(request, "interchange/run_detail.html", context)
