"""The work diary (nhật ký công việc): entries, drafted entries, reports, leaders' review."""
