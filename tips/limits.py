"""How often one address may use the tip forms, in core.rate_limits' 10-minute windows."""

# Tips sent: a family or an office behind one address may send a few; more is a flood.
TIPS_PER_ADDRESS = 10
# Past this many in the window, each further tip from the address needs the puzzle solved (core.challenges).
TIPS_BEFORE_CHALLENGE = 3
# Look-ups by receipt code: enough for a tipster, far too few to guess a code (about 73 bits).
STATUS_LOOKUPS_PER_ADDRESS = 10
