"""The demo database: a month of plausible work in every area, for `helpdesk demo`."""
