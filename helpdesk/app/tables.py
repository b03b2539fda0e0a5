"""Every table of the database, gathered: the shared ones (helpdesk/storage/models.py) and each
area's (its own models), one line an area. Alembic's environment imports this module, so the
migrations compare against the whole schema; the rest of the code imports only the models it
uses."""

from __future__ import annotations

import helpdesk.cases.models
import helpdesk.cases.ranking_models
import helpdesk.contract.figure_models
import helpdesk.contract.models
import helpdesk.data.models
import helpdesk.inspection.models
import helpdesk.monitoring.inventory_models
import helpdesk.monitoring.oplog_models
import helpdesk.questions.models
import helpdesk.roster.handover_models
import helpdesk.roster.models
import helpdesk.security.models
import helpdesk.storage.calendar_models
import helpdesk.storage.models
import helpdesk.training.models  # noqa: F401
