// Self-check quizzes: see issue 4.
