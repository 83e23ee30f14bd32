"""The shared bottom layer: what several apps use (Vietnamese text, dates, private files, exports, mail, roles and
their dashboard panels, batching, input limits, rate limits).

Every app may import core; core imports none of ours.
"""
