import pytest

from protokol.meetings.demo import generate as generate_meetings
from protokol.planning.demo import generate as generate_plans
from protokol.planning.models import Communication, FollowUp, MeetingSeries, PlannedTheme

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_annual_plan_follow_ups_and_communication(system):
    generate_meetings(meetings=16, seed=3)
    summary = generate_plans(seed=3)
    assert MeetingSeries.objects.count() == 4
    assert PlannedTheme.objects.filter(title="Living Lab", month__month=9).exists()
    assert FollowUp.objects.exists() and Communication.objects.exists()
    assert "opfølgninger" in summary
    # Run twice, the plan is not duplicated.
    generate_plans(seed=3)
    assert MeetingSeries.objects.count() == 4
