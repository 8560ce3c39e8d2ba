"""kg.extract"""
