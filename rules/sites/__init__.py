# The shipped rule sets, installed as the package ``cleaner._rules``. Data only.
