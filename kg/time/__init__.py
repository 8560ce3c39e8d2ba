"""kg.time"""
