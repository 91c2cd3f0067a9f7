"""What a photo shows (faces, text, number plates) and what the policy makes of it: issue 15's core."""
