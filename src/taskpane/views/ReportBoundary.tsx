/** Keeps the pane usable when the report cannot be shown (its chunk failed to load, or it threw). */
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { Component, type ReactNode } from "react";

interface Props {
  title: string;
  /** A new value (the next bounce) clears the error. */
  resetOn: unknown;
  children: ReactNode;
}

export class ReportBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error && previous.resetOn !== this.props.resetOn) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{this.props.title}</MessageBarTitle>
          {this.state.error.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
}
