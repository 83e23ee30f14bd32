"""The shared bottom layer: what several apps use (private files, exports, mail, input limits).

Every app may import core; core imports none of ours.
"""
