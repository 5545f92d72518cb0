"""What dbops says on a pull request, as pure data: the comment's markdown and the Code Insights
report with its annotations, rendered from a ReviewResult. The Bitbucket adapter sends them."""
