"""Accounts in the browser: a coordinator opens them for its agency and the parties to its
stations, a bureau for its district's parties; the new user is sent a set-password link and
cannot log in before; accounts are deactivated (audited, never deleted) and reactivated."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from stations.enums import AuditAction, Role
from stations.models import AuditEntry, Membership, Organisation, User
from tests import factories as f
from tests.seasons.pages import errors


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _office(world) -> Organisation:
    return Organisation.objects.get(street=world.station.street)


def _account(organisation, role=Role.BUYER, **overrides) -> dict:
    return {
        "username": "newbuyer",
        "full_name": "陈新",
        "email": "chen@example.org",
        "organisation": organisation.pk,
        "role": role,
        **overrides,
    }


def _written() -> tuple[int, int, int]:
    return User.objects.count(), Membership.objects.count(), AuditEntry.objects.count()


def test_a_new_account_gets_a_set_password_link_and_cannot_log_in_before(
    world, django_capture_on_commit_callbacks
):
    coordinator = _client(world.users[Role.COORDINATOR])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post("/setup/accounts/new/", _account(_office(world)))
    assert response.url == "/setup/accounts/"
    user = User.objects.get(username="newbuyer")
    assert not user.has_usable_password()
    refused = Client().post("/login/", {"username": "newbuyer", "password": ""})
    assert refused.status_code == 200
    assert "newbuyer" not in str(refused.wsgi_request.user)
    [message] = mail.outbox
    assert message.to == ["chen@example.org"]
    assert message.subject == "社工站评估平台：请设置您的密码"
    link = re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)
    assert Client().get(link, follow=True).status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.ACCOUNT_CREATE)
    assert entry.changes["organisation"] == _office(world).name
    welcome = user.notifications.get()  # in the inbox once the password is set; no second mail
    assert welcome.evaluation is None
    assert len(mail.outbox) == 1
    listing = coordinator.get("/setup/accounts/", {"q": "陈新"}).content.decode()
    assert "newbuyer" in listing
    assert "尚未设置密码" in listing


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"role": Role.COORDINATOR},
            "“评估机构工作人员”角色应属于评估机构",
        ),  # a coordinator is of an agency
        ({"username": "coordinator"}, "该用户名已被使用"),
        ({"username": "有 空格"}, "用户名只能包含字母、数字和 @ . + - _"),
        ({"email": "not-an-address"}, "请输入有效的电子邮箱地址"),
        ({"role": Role.STATION_STAFF}, "请选择"),
        ({"email": "EXPERT@example.org"}, "其他账号已使用该电子邮箱"),
    ],
)
def test_a_wrong_account_is_refused_with_its_reason_and_nothing_written(world, overrides, message):
    User.objects.filter(username="expert").update(email="expert@example.org")
    coordinator = _client(world.users[Role.COORDINATOR])
    before = _written()
    response = coordinator.post("/setup/accounts/new/", _account(_office(world), **overrides))
    assert response.status_code == 400
    assert message in errors(response)
    assert _written() == before
    assert mail.outbox == []


def test_station_staff_are_refused_for_a_station_their_organisation_does_not_run(world):
    """The bureau picks another operator for the staff of 官洲街社工服务站: refused, since they
    would see that station's evaluations."""
    bureau = _client(world.users[Role.BUREAU])
    stranger = f.OperatorFactory(name="另一家社工机构")
    f.OperatorTermFactory(
        contract=world.neighbour_evaluation.contract, operator=stranger
    )  # it runs the neighbour, in the district
    before = _written()
    data = _account(stranger, Role.STATION_STAFF, station=world.station.pk)
    response = bureau.post("/setup/accounts/new/", data)
    assert response.status_code == 400
    assert "官洲街社工服务站不是由另一家社工机构承办的" in errors(response)
    assert _written() == before
    assert mail.outbox == []


def test_a_bureau_opens_accounts_of_its_district_only(world):
    bureau = _client(world.users[Role.BUREAU])
    form = bureau.get("/setup/accounts/new/").content.decode()
    assert _office(world).name in form
    assert world.evaluation.agency.name not in form  # not the agency's accounts
    assert 'value="coordinator"' not in form
    assert 'value="expert"' not in form
    far = Organisation.objects.get(district=world.far.street.district, kind="bureau")
    before = _written()
    response = bureau.post("/setup/accounts/new/", _account(far, role=Role.BUREAU))
    assert response.status_code == 400
    assert _written() == before
    listing = bureau.get("/setup/accounts/").content.decode()
    assert "buyer" in listing
    assert "far_bureau" not in listing


def test_an_account_is_deactivated_and_reactivated_never_oneself(world):
    coordinator_user = world.users[Role.COORDINATOR]
    coordinator = _client(coordinator_user)
    buyer = world.users[Role.BUYER]
    coordinator.post(f"/setup/accounts/{buyer.pk}/active/", {"active": "0"})
    buyer.refresh_from_db()
    assert not buyer.is_active
    assert AuditEntry.objects.get(action=AuditAction.ACCOUNT_DEACTIVATE).changes == {
        "user": "buyer"
    }
    buyer.set_password("右边的密码-2025")
    buyer.save()
    told = Client().post("/login/", {"username": "buyer", "password": "右边的密码-2025"})
    assert "该账号已停用，请联系评估机构或区民政局重新启用" in told.content.decode()
    assert not told.wsgi_request.user.is_authenticated
    wrong = Client().post("/login/", {"username": "buyer", "password": "猜的"})
    assert "已停用" not in wrong.content.decode()  # a wrong password learns nothing
    coordinator.post(f"/setup/accounts/{buyer.pk}/active/", {"active": "1"})
    buyer.refresh_from_db()
    assert buyer.is_active
    response = coordinator.post(
        f"/setup/accounts/{coordinator_user.pk}/active/", {"active": "0"}, follow=True
    )
    assert "不能停用自己的账号" in response.content.decode()
    coordinator_user.refresh_from_db()
    assert coordinator_user.is_active


def test_no_one_reaches_an_account_outside_their_organisations(world):
    coordinator = _client(world.users[Role.COORDINATOR])
    far_bureau = world.users["far_bureau"]
    assert (
        coordinator.post(f"/setup/accounts/{far_bureau.pk}/active/", {"active": "0"}).status_code
        == 404
    )
    far_bureau.refresh_from_db()
    assert far_bureau.is_active
    for who in (Role.EXPERT, Role.BUYER, Role.STATION_STAFF, "nobody"):
        assert _client(world.users[who]).get("/setup/accounts/").status_code == 403, who
    other = f.UserFactory(username="other_coordinator")
    f.MembershipFactory(user=other, organisation=f.AgencyFactory(), role=Role.COORDINATOR)
    assert "buyer" not in _client(other).get("/setup/accounts/").content.decode()
