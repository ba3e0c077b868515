"""Demo data: a province with departments, users in every role and two years of documents."""
