"""kg.nlp"""
