"""Hỏi đáp kết nạp Đảng: a Telegram FAQ bot about joining the Communist Party of Vietnam."""

__version__ = "0.1.0"
