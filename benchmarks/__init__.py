"""`make bench` (python -m benchmarks.run) and `make load` (python -m benchmarks.load): issue #8, scale and speed.

run.py prepares one scratch database per backend and size, and runs measure.py in a fresh process against it;
measure.py generates the data (indicators.demo_data) and times every case of cases.py beside its floor (floors.py).
Nothing here is imported by the application.
"""
