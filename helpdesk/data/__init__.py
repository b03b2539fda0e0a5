"""The data service (数据服务): the bureau's back-office queries, answered with a file."""
