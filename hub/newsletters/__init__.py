"""The newsletter: its archive and issue pages, subscribers, the e-mail edition and sending.

A package inside the hub app, so its models keep the "hub" app label.
"""
