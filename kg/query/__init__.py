"""kg.query"""
