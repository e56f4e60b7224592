-- Change notices (see 0016) for the chart requests' "is this week closed?" cache: a close, or its
-- undoing by hand, is heard by every process.
CREATE TRIGGER chart_weeks_changed AFTER INSERT OR UPDATE OR DELETE ON chart_weeks
  FOR EACH ROW EXECUTE FUNCTION coterie_notify_change('w', 'week');
