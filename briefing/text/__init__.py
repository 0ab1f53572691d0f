"""Text shared by every output: Chinese line-breaking rules and width estimates."""
