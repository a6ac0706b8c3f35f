"""消息中心 (each user's own messages), 通知公告 with read receipts, and the admin's failed deliveries."""

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zonework.core import actions, delivery, scope
from zonework.core.models import Delivery, Message, Notice, Unit
from zonework.core.validation import error_messages


@login_required
def message_list(request):
    tab = "all" if request.GET.get("tab") == "all" else "unread"
    mine = Message.objects.filter(recipient=request.user)
    shown = mine if tab == "all" else mine.filter(read_at__isnull=True)
    page = Paginator(shown.order_by("-created_at", "-id"), 30).get_page(request.GET.get("page"))
    return render(request, "core/messages.html", {
        "title": "消息中心", "tab": tab, "page": page, "unread": mine.filter(read_at__isnull=True).count(),
    })


@login_required
def message_open(request, pk):
    """Opening a message marks it read and goes where it points."""
    message = get_object_or_404(Message, pk=pk, recipient=request.user)
    actions.mark_read([message], acting_user=request.user)
    link = message.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(link)
    return redirect("core:messages")


@login_required
@require_POST
def message_read(request):
    mine = Message.objects.filter(recipient=request.user, read_at__isnull=True)
    ids = [int(i) for i in request.POST.getlist("message") if i.isdigit()]
    chosen = mine if request.POST.get("all") else mine.filter(pk__in=ids)
    count = actions.mark_read(list(chosen), acting_user=request.user)
    flash.success(request, f"已将{count}条消息标为已读。")
    return redirect(f"{reverse('core:messages')}?tab={request.POST.get('tab', 'unread')}")


# --- 通知公告 ------------------------------------------------------------------------------


def _visible_notices(user):
    received = Q(messages__recipient=user)
    if user.has_perm("core.publish_notice"):
        return Notice.objects.filter(received | Q(zone__in=scope.zones_for(user))).distinct()
    return Notice.objects.filter(received).distinct()


class NoticeForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200, error_messages={"required": "请填写通知标题。"})
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": "请填写通知正文。"})
    units = forms.ModelMultipleChoiceField(label="接收单位", queryset=Unit.objects.none(), required=False,
                                           help_text="不选则发给全区各单位。",
                                           widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        if zone is not None:
            self.fields["units"].queryset = Unit.objects.filter(zone=zone).order_by("name")


@login_required
def notice_list(request):
    notices = _visible_notices(request.user).select_related("zone", "created_by")
    zone = getattr(request, "zone", None)
    if zone is not None:
        notices = notices.filter(zone=zone)
    page = Paginator(notices.order_by("-published_at", "-id"), 30).get_page(request.GET.get("page"))
    return render(request, "core/notice_list.html", {
        "title": "通知公告", "page": page, "can_publish": request.user.has_perm("core.publish_notice"),
    })


@login_required
def notice_add(request):
    user = request.user
    if not user.has_perm("core.publish_notice"):
        raise PermissionDenied("只有管委会办公室可以发布通知公告。")
    zone = getattr(request, "zone", None) or scope.zones_for(user).order_by("name").first()
    if zone is None:
        raise PermissionDenied("您没有可发布通知的开发区。")
    form = NoticeForm(request.POST or None, zone=zone)
    if request.method == "POST" and form.is_valid():
        try:
            notice = actions.publish_notice({**form.cleaned_data, "zone": zone}, acting_user=user)
        except (ValidationError, scope.ScopeDenied) as exc:
            for line in error_messages(exc):
                form.add_error(None, line)
        else:
            flash.success(request, f"通知已发布，{notice.messages.count()}人将收到消息。")
            return redirect(notice.get_absolute_url())
    return render(request, "core/notice_form.html", {"title": "发布通知", "form": form, "zone": zone})


@login_required
def notice_detail(request, pk):
    user = request.user
    notice = get_object_or_404(_visible_notices(user).select_related("zone", "created_by"), pk=pk)
    mine = notice.messages.filter(recipient=user).first()
    if mine is not None:
        actions.mark_read([mine], acting_user=user)
    receipts = None
    if user.has_perm("core.publish_notice") or notice.created_by_id == user.pk:
        rows = list(notice.messages.select_related("recipient", "recipient__unit")
                    .order_by("recipient__unit__name", "recipient__username"))
        receipts = {"read": [m for m in rows if m.read_at], "unread": [m for m in rows if not m.read_at]}
    return render(request, "core/notice_detail.html", {
        "title": notice.title, "notice": notice, "receipts": receipts, "units": list(notice.units.all()),
    })


# --- failed deliveries ----------------------------------------------------------------------


@login_required
def delivery_list(request):
    if not request.user.has_perm("core.view_delivery"):
        raise PermissionDenied("只有系统管理员可以查看消息发送记录。")
    page = Paginator(delivery.failed_deliveries(), 50).get_page(request.GET.get("page"))
    return render(request, "core/delivery_list.html", {
        "title": "发送失败的消息", "page": page, "can_retry": request.user.has_perm("core.change_delivery"),
    })


@login_required
@require_POST
def delivery_retry(request, pk):
    row = get_object_or_404(Delivery, pk=pk)
    try:
        actions.retry_delivery(row, acting_user=request.user)
    except (ValidationError, scope.ScopeDenied) as exc:
        for line in error_messages(exc):
            flash.error(request, line)
    else:
        row.refresh_from_db()
        if row.status == "sent":
            flash.success(request, f"已重新发送“{row.message}”（{row.channel}）。")
        else:
            flash.warning(request, f"已重试“{row.message}”（{row.channel}）：{row.get_status_display()}。")
    return redirect("core:deliveries")
