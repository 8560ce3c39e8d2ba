"""kg.documents"""
