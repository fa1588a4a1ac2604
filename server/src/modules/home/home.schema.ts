/** The KPI sparklines on the home page show this many weeks, the current one included. */
export const HOME_KPI_WEEKS = 8;
