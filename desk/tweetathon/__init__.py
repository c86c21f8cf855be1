"""The tweetathon: public wording of call types, safe post text, and (later) the queue planner."""
