from zoneinfo import ZoneInfo

# Every time on the hub is shown in Swedish time, whatever the server's or visitor's zone.
STOCKHOLM = ZoneInfo("Europe/Stockholm")
