// Temporary until the Toss client lands from its branch.
