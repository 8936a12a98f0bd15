"""A config whose first escalation level pages whoever is on call for a Warsaw schedule."""
from tests.support.config import CONFIG

SCHEDULES = """
schedules:
  social-oncall:
    timezone: Europe/Warsaw
    managers: [marek]
    shift_notice: 2h
    weekend: {from: fri 17:00, to: mon 09:00}
    holidays: {country: PL}
    layers:
      - {name: office, kind: base, members: [anna, piotr], shift: 1d, handoff: "09:00", start: 2026-11-02,
         restrictions: [{days: mon-fri, from: "09:00", to: "17:00"}]}
      - {name: weekend, kind: weekend, members: [ewa, marek], shift: 1w, handoff: "17:00", start: 2026-11-06}
      - {name: holiday, kind: holiday, members: [marek], shift: 1d, handoff: "00:00", start: 2026-11-01}
oncall:
  admin_channel: C0ADMINS
  gap_report_day: mon
  gap_report_at: "09:00"
  gap_report_days: 7
"""

SOCIAL_POLICY = """policies:
  social:
    levels:
      - targets: {schedules: [social-oncall]}
        wait: 10m
      - targets: {users: [piotr]}
        wait: 10m
"""

ONCALL_CONFIG = (CONFIG.replace("default_policy: brand-crisis", "default_policy: social")
                 .replace("policies:\n", SOCIAL_POLICY, 1) + SCHEDULES)
