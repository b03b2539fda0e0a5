"""The links between areas: opening a workspace, Today, the calendar's tables and
the stored deadlines that follow them, backups, staff and the team database. Each
area's own folder never reaches into another's internals; what spans areas is here."""
