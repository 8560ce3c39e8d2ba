"""kg.server"""
