"""The inspection reports (月度/季度/年度巡检报告): periods and the figures' pure shapes."""
