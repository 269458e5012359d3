# One id names the desktop entry, the AppStream component, the icon in the icon theme and the
# Wayland app id (QGuiApplication::desktopFileName), so the launcher can match them up.
set(MC_APP_ID io.github.memoryconsole.MemoryConsole)
