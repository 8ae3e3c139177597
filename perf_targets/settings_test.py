"""The test suite's settings: the application's own, with a cheap password hash.

Tests create about 800 users; Django's default hash (1,000,000 PBKDF2 iterations) was two thirds of the suite's CPU.
The strength of the hash is Django's business, not ours to test.
"""
from perf_targets.settings import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
