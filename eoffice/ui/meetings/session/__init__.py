"""The live session on screen: the chair's console, the delegate's view, the big screen."""
