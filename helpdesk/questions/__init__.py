"""The questions desk (答疑): questions and their SLA clocks, the knowledge base,
trackers to the provincial team, requirement documents and configuration requests."""
