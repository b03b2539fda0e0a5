"""The monthly inspection (巡检服务): its checklist, usage figures and obligation, pure logic."""
